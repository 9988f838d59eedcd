/** Export dialogs (导出、报送包), reused by every page that exports. */
export { ExportDialog, type ExportRequest, type ExportScope } from './ExportDialog';
export { BundleDialog } from './BundleDialog';
