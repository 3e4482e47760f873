// All three catalogues, registered for the server (every page, every email) and for tests.
// Browsers never import this module: they load their page's language alone (entry.client.tsx).
import { be } from "./be";
import { registerCatalogue, type Catalogue, type Locale } from "./catalogue";
import { en } from "./en";
import { ru } from "./ru";

export const catalogues: Record<Locale, Catalogue> = { be, ru, en };
for (const [locale, catalogue] of Object.entries(catalogues)) registerCatalogue(locale as Locale, catalogue);
