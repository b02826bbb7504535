// Printing: A4 PDFs (sheets, rosters, ledgers, reports).
import { call } from './transport'
import type { PrintChoices, Printed, PrintJob } from './types'

/** Generates the PDF, asks where to save it, writes and opens it; null when the user cancelled. */
export const printDocument = (job: PrintJob, choices: PrintChoices) =>
  call<Printed | null>('print_document', { job, choices })
