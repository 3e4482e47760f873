// Server rendering. Bots get the whole page at once, browsers a stream; both carry the CSP
// nonce of this response on Remix's inline scripts.
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { describeError } from "./http/log-error";
import "./i18n/all-catalogues";
import { NonceProvider } from "./http/nonce";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Log only once the shell is out; before that the error reaches handleError.
          if (shellRendered) console.error(describeError(error));
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Remix logs what a loader or action threw with the whole error, and a database error's message
 * holds the query's arguments: one line without them instead. Aborted requests are not errors.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  // An answer we chose (a 400 for a body that is not a form, a 404) is not an error.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500) || (error instanceof Response && error.status < 500)) return;
  console.error(describeError(error));
}
