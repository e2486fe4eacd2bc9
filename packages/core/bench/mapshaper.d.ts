// mapshaper ships no types; the coverage bench uses only its documented Node entry point.
declare module 'mapshaper' {
  /** Runs a command string on in-memory inputs (file name → content); resolves to the -o outputs by file name. */
  function applyCommands(commands: string, input?: Record<string, unknown>): Promise<Record<string, string | Uint8Array>>;
  const mapshaper: { applyCommands: typeof applyCommands };
  export default mapshaper;
}
