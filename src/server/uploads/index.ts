export {
  ACCEPTED_TYPES,
  ACCEPTED_TYPES_LABEL,
  type AcceptedExt,
  type AcceptedType,
} from "./accepted-types.js";
export { detectFileType, requireAcceptedFileType } from "./detect.js";
export { FileTooLargeError, UnsupportedFileTypeError } from "./errors.js";
export { type ReceivedFile, receiveToTempFile } from "./receive.js";
