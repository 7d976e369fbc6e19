import type { PrismaClient } from "@/lib/store/generated/client";

/** The statuses of a finished run whose data pages can show. */
export const readableRunStatuses = ["succeeded", "partial"] as const;

/** A finished run whose data pages can show: the newest that succeeded or was partial. */
export async function findLatestReadableRun(db: PrismaClient, asOfRunId?: number) {
  return db.collectionRun.findFirst({
    where: { status: { in: [...readableRunStatuses] }, ...(asOfRunId ? { id: { lte: asOfRunId } } : {}) },
    orderBy: { id: "desc" },
  });
}

/** The newest readable run that started at or before `at`: the baseline for "change since a week ago". */
export async function findReadableRunBefore(db: PrismaClient, at: Date) {
  return db.collectionRun.findFirst({
    where: { status: { in: [...readableRunStatuses] }, startedAt: { lte: at } },
    orderBy: { startedAt: "desc" },
  });
}
