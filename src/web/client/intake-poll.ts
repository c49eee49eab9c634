// Live digitization progress on /counter/intake: while any dossier is
// unfinished, polls the JSON named by data-intake-poll every 3 seconds and
// updates each document's progress bar and stage. Polling stops when every
// dossier is done or a request fails; the page's refresh link still works.

interface ComponentStatus {
  componentCode: string | null;
  stage: string;
  step: number;
  steps: number;
  label: string;
}

interface IntakeStatus {
  dossiers: Array<{ id: string; done: boolean; components: ComponentStatus[] }>;
}

const pollIntervalMs = 3000;

function applyStatus(root: HTMLElement, status: IntakeStatus): void {
  for (const dossier of status.dossiers) {
    const section = root.querySelector<HTMLElement>(`[data-dossier="${CSS.escape(dossier.id)}"]`);
    if (!section) continue;
    for (const component of dossier.components) {
      const row = section.querySelector<HTMLElement>(`tr[data-component="${CSS.escape(component.componentCode ?? '')}"]`);
      const bar = row?.querySelector('progress');
      const label = row?.querySelector<HTMLElement>('.stage');
      if (bar) bar.value = component.step;
      if (label) {
        label.textContent = component.label;
        label.className = `stage stage-${component.stage}`;
      }
    }
  }
}

export function pollIntakeProgress(root: ParentNode): void {
  const list = root.querySelector<HTMLElement>('[data-intake-poll]');
  const url = list?.dataset['intakePoll'];
  if (!list || !url) return;
  const poll = async (): Promise<void> => {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) return;
      const status = (await response.json()) as IntakeStatus;
      applyStatus(list, status);
      if (status.dossiers.some((dossier) => !dossier.done)) setTimeout(() => void poll(), pollIntervalMs);
    } catch {
      // A failed poll ends the live updates; the refresh link still works.
    }
  };
  setTimeout(() => void poll(), pollIntervalMs);
}
