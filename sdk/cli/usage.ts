// UsageError lives in ../errors (the offline engine throws it too); re-exported for older imports.
export { UsageError } from "../errors";
