/**
 * Printing (issue 7 items 1–2): the slip kinds, forms, printer drivers and print-job states, and the views
 * the print methods answer with. The backend's slip and printing code takes its lists from here.
 */
export const SLIP_KINDS = ['payment', 'recharge', 'customerList'] as const;
export type SlipKind = (typeof SLIP_KINDS)[number];

export const PRINT_FORMS = ['a4', 'continuous241', 'thermal80'] as const;
export type PrintForm = (typeof PRINT_FORMS)[number];

export const PRINTER_DRIVERS = ['cups', 'windows', 'escposSerial', 'escposTcp', 'escposUsb', 'simulator'] as const;
export type PrinterDriver = (typeof PRINTER_DRIVERS)[number];
/** Drivers that take only ESC/POS (form thermal80), and only PDF. */
export const ESCPOS_ONLY_DRIVERS: readonly PrinterDriver[] = ['escposSerial', 'escposTcp', 'escposUsb'];
export const PDF_ONLY_DRIVERS: readonly PrinterDriver[] = ['windows'];

export const PRINT_JOB_STATES = ['queued', 'sent', 'printed', 'failed'] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];

export interface PrinterConfigView {
  readonly driver: PrinterDriver;
  readonly target: string;
  readonly form: PrintForm;
}

export interface PrinterSettingsView {
  /**
   * true: the desktop shell shows the system print dialog (webContents.print with silent: false) instead of
   * printing silently; slips.print then answers the document for the shell and queues nothing.
   */
  readonly dialog: boolean;
  readonly kinds: { readonly [K in SlipKind]: PrinterConfigView | null };
}

export interface PrinterQueueView {
  readonly name: string;
  readonly isDefault: boolean;
}

export interface PrintJobView {
  readonly jobId: number;
  readonly kind: SlipKind;
  readonly form: PrintForm;
  readonly saleId: number | null;
  readonly receiptNo: string | null;
  /** 0 for the first print; n for "COPY / 补打 n". */
  readonly reprintNo: number;
  /** 'dialog': handed to the desktop shell's print dialog (PrinterSettingsView.dialog). */
  readonly driver: PrinterDriver | 'dialog';
  readonly target: string;
  readonly state: PrintJobState;
  readonly attempts: number;
  /** The latest failure's code and message (offline, paper-out, timeout ...); null when none. */
  readonly error: { readonly code: string; readonly message: string } | null;
  readonly nextAttemptAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** slips.print: the job (queued and tried at once), or, in dialog mode, the document for the shell's dialog. */
export type PrintResultView =
  | { readonly mode: 'queued'; readonly job: PrintJobView }
  | { readonly mode: 'dialog'; readonly receiptNo: string | null; readonly reprintNo: number; readonly form: PrintForm; readonly fileName: string; readonly pdfBase64: string; readonly deviceName: string | null };
