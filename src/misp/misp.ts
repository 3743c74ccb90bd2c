/**
 * MISP interoperability: recognise MISP event JSON, import it as STIX 2.1 and export Accord's
 * STIX objects as MISP event JSON. Pure functions; the mapping is documented in docs/misp-mapping.md.
 */
export { isMispEvent, mispEventBodies } from './misp-detect.js';
export {
  mispToStix,
  type MispImportOptions,
  type MispImportResult,
  type MispImportSummary,
  type Unmapped,
} from './misp-import.js';
export { stixToMisp, type MispExportOptions, type MispExportResult } from './misp-export.js';
export type {
  MispEvent,
  MispEventBody,
  MispEventOut,
  MispAttributeOut,
  MispObjectOut,
} from './misp.types.js';
export { MISP_IMPORT_NAMESPACE } from './stix-ids.js';
