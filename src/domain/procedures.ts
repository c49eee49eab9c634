// Procedure (إجراء إداري): a catalogue entry bound to one BPMN process. Each
// procedure is two files in bpmn/: CODE.bpmn (the diagram) and
// CODE.procedure.json (components, form, legal time, result), validated here.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const localized = z.object({ ar: z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localized>;

export const validityBases = ['digitized_signed', 'certified_copy', 'e_authenticated', 'self_declared', 'other_prescribed'] as const;
export type ValidBasis = (typeof validityBases)[number];

const componentSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]+$/),
  name: localized,
  required: z.boolean(),
  accepts: z.array(z.enum(validityBases)).min(1),
  reusable: z.boolean(),
  /** 'form': the online application form itself fills this component; nothing is uploaded. */
  filledBy: z.literal('form').optional(),
  validForDays: z.number().int().positive().optional(),
});
export type Component = z.infer<typeof componentSchema>;

const formFieldSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
  label: localized,
  type: z.enum(['text', 'number', 'date']),
  required: z.boolean(),
  maxLength: z.number().int().positive().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const procedureSchema = z.object({
  code: z.string().regex(/^[A-Z]{2}-\d{2}$/),
  name: localized,
  unit: z.string(),
  legalWorkingDays: z.number().positive(),
  fee: z.number().nonnegative(),
  resultKind: z.string(),
  paperResultByLaw: z.boolean(),
  bpmnProcessId: z.string(),
  diagram: z.string().endsWith('.bpmn'),
  form: z.array(formFieldSchema),
  components: z.array(componentSchema).min(1),
  result: z.object({ template: z.enum(['licence', 'certificate', 'certified_copy', 'decision']), title: localized, validForDays: z.number().int().positive().optional() }),
});
export type Procedure = z.infer<typeof procedureSchema>;

export interface ProcedureWithDiagram {
  procedure: Procedure;
  diagramName: string;
  diagramXml: string;
}

/** Reads every CODE.procedure.json in `dir` with its diagram; throws naming the file on invalid content. */
export async function readCatalogue(dir: string): Promise<ProcedureWithDiagram[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.procedure.json')).sort();
  const entries: ProcedureWithDiagram[] = [];
  for (const file of files) {
    const parsed = procedureSchema.safeParse(JSON.parse(await readFile(path.join(dir, file), 'utf8')));
    if (!parsed.success) {
      throw new Error(`${file}: invalid procedure: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const diagramXml = await readFile(path.join(dir, parsed.data.diagram), 'utf8');
    if (!diagramXml.includes(`id="${parsed.data.bpmnProcessId}"`)) {
      throw new Error(`${file}: diagram ${parsed.data.diagram} has no process with id ${parsed.data.bpmnProcessId}`);
    }
    entries.push({ procedure: parsed.data, diagramName: parsed.data.diagram, diagramXml });
  }
  return entries;
}

export function uploadComponents(procedure: Procedure): Component[] {
  return procedure.components.filter((component) => component.filledBy !== 'form');
}

export function findComponent(procedure: Procedure, code: string): Component | undefined {
  return procedure.components.find((component) => component.code === code);
}
