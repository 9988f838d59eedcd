// One lookup of the Electron binary for `npm start` and the tests (scripts/electron-binary.cjs).
export { electronPackageDir, findElectronBinary, type ElectronBinary } from '../../scripts/electron-binary.cjs';
