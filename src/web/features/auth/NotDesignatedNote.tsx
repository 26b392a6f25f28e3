import type { SessionUser } from "../../../contracts/auth.js";
import { isUndesignatedLiaison } from "../../../domain/policy.js";

/**
 * Why a liaison account sees no button for a liaison's action: its powers follow the
 * municipality's current designation (decision 0012), and this account does not hold it.
 * Renders nothing for anyone else.
 */
export function NotDesignatedNote({ user, action }: { user: SessionUser | null; action: string }) {
  if (!user || !isUndesignatedLiaison(user)) {
    return null;
  }
  return (
    <p className="note">
      Su cuenta no es la del enlace designado vigente del municipio, así que trabaja como
      colaborador: puede preparar documentos, pero solo el enlace designado {action}. Si usted es el
      enlace, pida al órgano garante que registre su designación.
    </p>
  );
}
