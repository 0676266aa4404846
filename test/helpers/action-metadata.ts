/**
 * The rules of GitHub's action metadata syntax that a composite action's action.yml can break
 * without any local tool noticing (the runner reports them only when a workflow uses the action):
 * https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax
 * (`runs.steps[*].continue-on-error` for composite steps: github/docs#18153).
 */
export interface ActionStep {
  id?: string;
  name?: string;
  run?: string;
  shell?: string;
  uses?: string;
  with?: Record<string, string>;
  if?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
  'continue-on-error'?: boolean;
}

export interface ActionMetadata {
  name: string;
  description: string;
  author?: string;
  branding?: { icon?: string; color?: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string; deprecationMessage?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const TOP_KEYS = ['name', 'author', 'description', 'inputs', 'outputs', 'runs', 'branding'];
const INPUT_KEYS = ['description', 'required', 'default', 'deprecationMessage'];
const STEP_KEYS = ['id', 'name', 'if', 'run', 'shell', 'uses', 'with', 'env', 'working-directory', 'continue-on-error'];
const SHELLS = ['bash', 'pwsh', 'python', 'sh', 'cmd', 'powershell'];

/** Every problem found, as one line each (empty: none). */
export function metadataProblems(action: ActionMetadata): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(action)) if (!TOP_KEYS.includes(key)) problems.push(`unknown top-level key ${key}`);
  if (!action.name) problems.push('name is required');
  if (!action.description) problems.push('description is required');
  for (const [id, input] of Object.entries(action.inputs ?? {})) {
    for (const key of Object.keys(input)) if (!INPUT_KEYS.includes(key)) problems.push(`inputs.${id}: unknown key ${key}`);
    if (!input.description) problems.push(`inputs.${id}: description is required`);
    if (input.default !== undefined && typeof input.default !== 'string') problems.push(`inputs.${id}: default should be a string`);
  }
  if (action.runs?.using !== 'composite') problems.push('runs.using: this check knows composite actions only');
  const seen = new Set<string>();
  const inputIds = new Set(Object.keys(action.inputs ?? {}));
  const checkExpressions = (where: string, text: string, stepIds: Set<string>) => {
    for (const match of text.matchAll(/\bsteps\.([\w-]+)\./g))
      if (!stepIds.has(match[1])) problems.push(`${where}: refers to step "${match[1]}", not defined before it`);
    for (const match of text.matchAll(/\binputs\.([\w-]+)/g))
      if (!inputIds.has(match[1])) problems.push(`${where}: refers to input "${match[1]}", not declared`);
  };
  for (const [index, step] of (action.runs?.steps ?? []).entries()) {
    const where = `runs.steps[${index}]${step.name ? ` (${step.name})` : ''}`;
    for (const key of Object.keys(step)) if (!STEP_KEYS.includes(key)) problems.push(`${where}: unknown key ${key}`);
    if (Boolean(step.run) === Boolean(step.uses)) problems.push(`${where}: needs exactly one of run and uses`);
    if (step.run && !SHELLS.includes(step.shell ?? '')) problems.push(`${where}: a run step of a composite action needs shell`);
    if (step.uses && !/^[\w.-]+\/[\w./-]+@[\w.-]+$|^\.\//.test(step.uses)) problems.push(`${where}: uses should be owner/repo@ref`);
    if (step.id && seen.has(step.id)) problems.push(`${where}: duplicate id ${step.id}`);
    // Expressions in a step may read the steps before it (and itself in no key but its outputs, which do not exist yet).
    for (const text of [step.if ?? '', ...Object.values(step.env ?? {}), ...Object.values(step.with ?? {}), step['working-directory'] ?? ''])
      checkExpressions(where, String(text), seen);
    if (step.run?.includes('${{')) problems.push(`${where}: an expression inside run is pasted into the script; pass it through env`);
    if (step.id) seen.add(step.id);
  }
  for (const [id, output] of Object.entries(action.outputs ?? {})) {
    if (!output.description) problems.push(`outputs.${id}: description is required`);
    if (!output.value) problems.push(`outputs.${id}: a composite action's output needs value`);
    else checkExpressions(`outputs.${id}`, output.value, seen);
  }
  return problems;
}
