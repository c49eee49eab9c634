// Error codes of the modeler's API (src/api/routes/modeler.ts).
import type { ErrorSpec } from '../errors.ts';

export const modelerErrors: Record<string, ErrorSpec> = {
  'modeler.lint_failed': { status: 422, description: 'A diagram sent for deployment breaks a paperless lint rule; the body lists each problem by element.' },
  'modeler.deployment_rejected': { status: 422, description: 'The engine rejected a diagram that passed the lint; the body lists each element it named and why.' },
};
