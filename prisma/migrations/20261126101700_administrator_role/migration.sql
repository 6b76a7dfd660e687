-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'administrator';

