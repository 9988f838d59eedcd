import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';

// AG Grid Community only (no Enterprise): clipboard, undo and fill are ours.
ModuleRegistry.registerModules([AllCommunityModule]);

/** Dense and calm, like a spreadsheet: small rows, grey rules, one accent colour. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: ['"Microsoft YaHei"', '"PingFang SC"', '"Noto Sans CJK SC"', 'sans-serif'],
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  rowHeight: 28,
  headerHeight: 32,
  spacing: 4,
  cellHorizontalPadding: 8,
  accentColor: '#2b6cb0',
  borderColor: '#d9dde3',
  headerBackgroundColor: '#f0f2f5',
  oddRowBackgroundColor: '#fafbfc',
  rowBorder: { color: '#e6e9ee' },
  columnBorder: { color: '#eceff3' },
  wrapperBorderRadius: 2,
  borderRadius: 2,
  browserColorScheme: 'light',
});

export const gridLocale = AG_GRID_LOCALE_CN;
