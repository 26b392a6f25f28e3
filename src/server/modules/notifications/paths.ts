/** Pages of the web app that notifications link to, where another feature owns the page. */

/** A support action's page (reunión, capacitación, asesoría). */
export function supportActionPath(actionId: string): string {
  return `/acompanamiento/acciones/${actionId}`;
}
