/** Spanish names of the audit log's action keys. Unknown keys are shown as they come. */
export const ACTION_LABELS: Record<string, string> = {
  "user.created": "Cuenta creada",
  "user.updated": "Cuenta modificada",
  "user.role_changed": "Rol o municipio cambiado",
  "user.deactivated": "Cuenta desactivada",
  "user.reactivated": "Cuenta reactivada",
  "user.password_reset": "Contraseña restablecida",
  "user.password_changed": "Contraseña cambiada",
  "auth.login": "Inicio de sesión",
  "auth.logout": "Cierre de sesión",
  "auth.login_failed": "Intento de inicio de sesión fallido",
  "model.draft_created": "Borrador del modelo creado",
  "model.draft_saved": "Borrador del modelo guardado",
  "model.published": "Versión del modelo publicada",
  "model.draft_discarded": "Borrador del modelo descartado",
  "institution.updated": "Datos de la institución modificados",
  "institution.logo_set": "Logotipo cambiado",
  "institution.logo_removed": "Logotipo quitado",
  "agreement.registered": "Convenio registrado",
  "agreement.corrected": "Convenio corregido",
  "agreement.document_attached": "Convenio firmado adjuntado",
  "liaison.designated": "Enlace designado",
  "liaison.letter_attached": "Oficio de designación adjuntado",
  "document.downloaded": "Convenio u oficio descargado",
  "tool_instance.submitted": "Herramienta enviada a revisión",
  "tool_instance.validated": "Herramienta validada",
  "tool_instance.changes_requested": "Herramienta con observaciones",
  "tool_instance.deadline_set": "Plazo del proyecto definido",
  "observation.answered": "Observación respondida",
  "evidence.uploaded": "Documento subido",
  "evidence.downloaded": "Documento descargado",
  "diagnostic.saved": "Diagnóstico guardado",
  "diagnostic.submitted": "Diagnóstico enviado",
};

export const ENTITY_LABELS: Record<string, string> = {
  user: "Cuenta",
  login: "Inicio de sesión",
  model_version: "Versión del modelo",
  institution: "Institución",
  agreement: "Convenio",
  liaison_designation: "Designación de enlace",
  tool_instance: "Herramienta de un municipio",
  observation: "Observación",
  evidence: "Documento",
  document: "Convenio u oficio",
  diagnostic: "Diagnóstico inicial",
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export function entityLabel(entityType: string): string {
  return ENTITY_LABELS[entityType] ?? entityType;
}
