-- Session ids are now kept as their SHA-256 (app/auth/session.server.ts). Sessions stored the old
-- way cannot be looked up any more: they end, and everyone signs in again once.
DELETE FROM "Session";
