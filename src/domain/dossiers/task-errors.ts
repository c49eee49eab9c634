import type { ErrorSpec } from '../../errors.ts';

export const taskErrors = {
  'task.unknown_form': { status: 409, description: 'The user task names a form Sijill does not know (zeebe:formDefinition formKey).' },
  'task.answer_missing': { status: 400, description: 'The officer\'s answer lacks a field the task needs (matches, decision, or the reason of a rejection).' },
  'auth.invalid_credentials': { status: 401, description: 'The username or password is wrong.' },
} satisfies Record<string, ErrorSpec>;
