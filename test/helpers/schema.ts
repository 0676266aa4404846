import { Ajv2020 } from 'ajv/dist/2020.js';
import { reportSchema } from '../../src/report/schema.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(reportSchema);

/** Validates a parsed report against the published schema; returns the errors as text, or '' when valid. */
export function schemaErrors(report: unknown): string {
  return validate(report) ? '' : ajv.errorsText(validate.errors);
}
