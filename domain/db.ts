import type { Prisma, PrismaClient } from '../prisma/generated/client.js';

/** Domain functions take a client or a transaction, so callers decide the transaction scope. */
export type DbClient = PrismaClient | Prisma.TransactionClient;
export type { PrismaClient };
export { Prisma } from '../prisma/generated/client.js';
