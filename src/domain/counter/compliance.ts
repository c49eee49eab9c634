// Compliance indicator "digitized at receipt" (مؤشر الرقمنة عند الاستلام), per
// unit and period: paper documents received at the counter, how many were
// digitized and sealed, how many were recorded as exceptions (with reason
// and officer), and the share digitized at receipt. A paper document is one
// component of one dossier, whether it came as one scan, several, or a rescan.
import type { AppContext } from '../../context.ts';
import { countPaperReceiptsByUnit, listPaperExceptions, type ExceptionListRow } from '../../db/counter-compliance.ts';
import type { Actor } from '../access.ts';
import type { ReportPeriod } from './period.ts';

export interface UnitCompliance {
  unit: { id: string; ar: string; en: string };
  /** Paper documents received: scanned components plus exceptions. */
  received: number;
  /** Scanned components whose digitized PDF/A is sealed. */
  digitizedSealed: number;
  /** Scanned components not sealed yet (awaiting OCR, confirmation or the seal). */
  pending: number;
  exceptions: number;
  /** digitizedSealed ÷ received, in percent with one decimal; null when nothing was received. */
  digitizedShare: number | null;
}

export interface ComplianceReport {
  period: ReportPeriod;
  units: UnitCompliance[];
  total: Omit<UnitCompliance, 'unit'>;
  exceptions: ExceptionListRow[];
}

function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** The report over the actor's units; units with nothing received are listed with zeros. */
export async function loadComplianceReport(ctx: AppContext, actor: Actor, period: ReportPeriod): Promise<ComplianceReport> {
  const rows = await countPaperReceiptsByUnit(ctx.db, actor.unitIds, period.start, period.end);
  const units = rows.map((row): UnitCompliance => {
    const received = row.scanned + row.exceptions;
    return {
      unit: { id: row.unit_id, ar: row.unit_name_ar, en: row.unit_name_en },
      received,
      digitizedSealed: row.sealed,
      pending: row.scanned - row.sealed,
      exceptions: row.exceptions,
      digitizedShare: shareOf(row.sealed, received),
    };
  });
  const sum = (pick: (unit: UnitCompliance) => number) => units.reduce((total, unit) => total + pick(unit), 0);
  const received = sum((unit) => unit.received);
  const digitizedSealed = sum((unit) => unit.digitizedSealed);
  return {
    period,
    units,
    total: { received, digitizedSealed, pending: sum((unit) => unit.pending), exceptions: sum((unit) => unit.exceptions), digitizedShare: shareOf(digitizedSealed, received) },
    exceptions: await listPaperExceptions(ctx.db, actor.unitIds, period.start, period.end),
  };
}
