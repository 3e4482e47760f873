/** The hidden field that carries a create form's one-time token (http/sent-once.server.ts). */
export const ONCE_FIELD = "once";
