import type { Report } from './model.js';

/** The JSON report contract (schema/report.schema.json). Secrets never reach here: tokens carry only id and redacted form. */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
