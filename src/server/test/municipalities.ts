/**
 * The codes (CVEGEO) of the municipalities the API tests use, reference data of every test
 * database: named once, so that a test reads `TOLUCA` where the API takes "15106".
 */
export const ACAMBAY = "15001";
export const ATIZAPAN = "15013";
export const ECATEPEC = "15033";
export const METEPEC = "15054";
export const NEZA = "15058";
export const TOLUCA = "15106";
