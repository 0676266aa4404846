import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  width: number;
  height: number;
}

/** The terminal's size, following resizes; a fixed size (tests, captures) wins over the terminal's. */
export function useTerminalSize(fixed?: Partial<TerminalSize>): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => ({ width: fixed?.width ?? (stdout.columns || 80), height: fixed?.height ?? (stdout.rows || 24) });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed?.width, fixed?.height]);
  return fixed?.width !== undefined && fixed.height !== undefined ? read() : size;
}
