import type { MailStatus } from "../../../domain/notifications.js";
import type { BadgeTone } from "../../ui/Badge";

export const MAIL_STATUS_TONES: Record<MailStatus, BadgeTone> = {
  pending: "info",
  sent: "success",
  failed: "danger",
  held: "warning",
};
