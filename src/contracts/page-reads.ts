/**
 * What a page of the web app reads first, by client route. The server names these addresses in
 * the page's response (`Link: <…>; rel=preload; as=fetch`), so the browser asks for them while
 * the page's code is still arriving, and the app's own requests for the same addresses take those
 * answers instead of leaving after the code has run (issue 19, decision 0033).
 *
 * The app must ask for exactly these addresses, query string included, or the browser fetches
 * twice: `src/web/app/page-reads.test.ts` runs the app's first reads over a stubbed `fetch` and
 * compares.
 */

/** Read by every page of the app as it starts: who is signed in, the institution's names. */
export const EVERY_PAGE_READS: readonly string[] = ["/api/auth/session", "/api/institution"];

/** How many open commitments «Qué hacer ahora» lists on a municipality's page. */
export const OPEN_COMMITMENTS_SHOWN = 3;

/**
 * A signed-in person's first reads beyond `EVERY_PAGE_READS`, by the route's path as the router
 * declares it; `:name` is the address's segment in that place.
 */
export const SIGNED_IN_PAGE_READS: Readonly<Record<string, readonly string[]>> = {
  "/municipios/:cvegeo": [
    "/api/municipalities/:cvegeo/tools",
    "/api/municipalities/:cvegeo/dashboard",
    `/api/commitments?municipality=:cvegeo&status=open&pageSize=${OPEN_COMMITMENTS_SHOWN}`,
    "/api/municipalities",
  ],
  "/herramientas/:id": ["/api/tool-instances/:id"],
};

/** A segment fit to stand in an address and a `Link` header as it is. */
const SAFE_SEGMENT = /^[\w-]{1,64}$/;

/**
 * The first reads of a route for these segments, or none when a segment is not plain letters,
 * digits, `-` or `_` (it would not name anything a page reads).
 */
export function routeReads(
  templates: readonly string[],
  params: Readonly<Record<string, string>>,
): string[] {
  if (!Object.values(params).every((value) => SAFE_SEGMENT.test(value))) {
    return [];
  }
  return templates.map((template) =>
    template.replace(/:(\w+)/g, (whole, name: string) => params[name] ?? whole),
  );
}
