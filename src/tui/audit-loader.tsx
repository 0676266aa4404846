import { useApp } from 'ink';
import { useEffect, useState } from 'react';
import type { Report } from '../report/model.js';
import type { AuditActions } from './actions.js';
import { AuditApp } from './app.js';
import { startProgress, type AuditProgress } from './progress.js';
import { ProgressView } from './progress-view.js';

export interface AuditLoaderProps {
  /** Runs the pipeline, publishing progress as it goes. */
  load: (publish: (progress: AuditProgress) => void) => Promise<Report>;
  roots: readonly string[];
  actions: AuditActions;
  color: boolean;
  /** Receives the finished report (the caller may need it after the UI closes). */
  onReport?: (report: Report) => void;
}

/** Progress while scanning and verifying, then the audit screen. A failed scan ends the app with its error. */
export function AuditLoader({ load, roots, actions, color, onReport }: AuditLoaderProps) {
  const { exit } = useApp();
  const [progress, setProgress] = useState<AuditProgress>(startProgress);
  const [report, setReport] = useState<Report>();
  useEffect(() => {
    let live = true;
    load((p) => live && setProgress(p)).then(
      (r) => {
        if (!live) return;
        onReport?.(r);
        setReport(r);
      },
      (error: unknown) => exit(error instanceof Error ? error : new Error(String(error))),
    );
    return () => {
      live = false;
    };
    // Loads once per mount.
  }, []);
  if (!report) return <ProgressView progress={progress} roots={roots} color={color} />;
  return <AuditApp report={report} actions={actions} color={color} />;
}
