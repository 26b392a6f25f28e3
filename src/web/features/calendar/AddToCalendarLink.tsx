import { api } from "../../api/client";

/** Downloads a support action as an .ics event, to add it to any calendar application. */
export function AddToCalendarLink({ actionId }: { actionId: string }) {
  return (
    <a className="button button--secondary" href={api.calendar.actionIcsUrl(actionId)} download>
      Agregar a mi calendario (.ics)
    </a>
  );
}
