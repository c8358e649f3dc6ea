/**
 * Typed domain errors. The UI maps `code` (+ `params`) to a localized message; the English `message`
 * is only for logs. Each class has its own string-literal union so callers can switch exhaustively.
 */
export type ErrorParams = Record<string, string | number>;

export type SchemaErrorCode =
  | "schemaInvalidJson"
  | "schemaNotAnObject"
  | "schemaFieldsNotArray"
  | "schemaTooManyFields"
  | "fieldNotFound"
  | "propertyNameInvalid"
  | "propertyNameReserved"
  | "propertyNameTaken"
  | "labelEmpty"
  | "labelTooLong"
  | "labelControlChars"
  | "choicesOnlyForChoiceKind"
  | "choiceNotFound"
  | "choiceValueInvalid"
  | "choiceValueTaken"
  | "tooManyChoices"
  | "roleTaken"
  | "orderMismatch";

export class SchemaError extends Error {
  constructor(
    readonly code: SchemaErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

export type FieldValueErrorCode =
  | "wrongType"
  | "textTooLong"
  | "textControlChars"
  | "notANumber"
  | "numberOutOfRange"
  | "notABoolean"
  | "dateInvalid"
  | "dateOutOfRange"
  | "keywordTooLong"
  | "keywordControlChars"
  | "tooManyKeywords"
  | "notAChoice"
  | "fieldNotFound";

export class FieldValueError extends Error {
  constructor(
    readonly code: FieldValueErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

export type QueryErrorCode = "unknownField" | "operatorNotSupported" | "invalidOperand";

export class QueryError extends Error {
  constructor(
    readonly code: QueryErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

export type DateErrorCode = "invalidTimeZone" | "invalidDate";

export class DateError extends Error {
  constructor(
    readonly code: DateErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}
