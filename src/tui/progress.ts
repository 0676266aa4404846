import type { ScanProgress } from '../scan/scan.js';

/** What the scan and verification have done so far, for the progress screen. */
export interface AuditProgress {
  phase: 'scanning' | 'verifying' | 'assessing';
  files: number;
  bytes: number;
  candidates: number;
  /** Distinct tokens, known once the walk is done. */
  tokens?: number;
  /** Per provider: tokens to verify and answers received. */
  providers: Record<string, { total: number; answered: number }>;
}

export function startProgress(): AuditProgress {
  return { phase: 'scanning', files: 0, bytes: 0, candidates: 0, providers: {} };
}

/** Listener side of the pipeline callbacks, folding them into one immutable progress value. */
export function progressTracker(publish: (progress: AuditProgress) => void) {
  let progress = startProgress();
  const providerOf = new Map<string, string>();
  const set = (next: AuditProgress) => {
    progress = next;
    publish(progress);
  };
  return {
    scanned(scan: ScanProgress) {
      set({ ...progress, files: scan.files, bytes: scan.bytes, candidates: scan.candidates });
    },
    found(tokens: readonly { id: string; provider: string }[], verifying: boolean) {
      const providers: AuditProgress['providers'] = {};
      for (const t of tokens) {
        providerOf.set(t.id, t.provider);
        providers[t.provider] = { total: (providers[t.provider]?.total ?? 0) + 1, answered: 0 };
      }
      set({ ...progress, phase: verifying ? 'verifying' : 'assessing', tokens: tokens.length, providers });
    },
    verified(tokenId: string) {
      const provider = providerOf.get(tokenId);
      if (!provider || !progress.providers[provider]) return;
      const entry = progress.providers[provider];
      const providers = { ...progress.providers, [provider]: { ...entry, answered: entry.answered + 1 } };
      const done = Object.values(providers).every((p) => p.answered >= p.total);
      set({ ...progress, providers, phase: done ? 'assessing' : progress.phase });
    },
  };
}
