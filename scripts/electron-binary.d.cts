export type ElectronBinary = { present: true; executable: string; version: string } | { present: false; reason: string; /** the same, for the user */ reasonZh: string };
/** The folder of the installed `electron` package, or null. */
export function electronPackageDir(fromDir?: string): string | null;
/** Where the Electron executable is, or why there is none — without loading electron's index.js. */
export function findElectronBinary(pkgDir?: string | null, env?: NodeJS.ProcessEnv): ElectronBinary;
