import { z } from 'zod';

const KEY_PATTERN = /^[A-Za-z0-9+/=_.:-]{1,256}$/;
const secretKey = z.string().regex(KEY_PATTERN, 'must be 1-256 characters of [A-Za-z0-9+/=_.:-]').nullish();

/**
 * `ProfileResultInput` as the mutation and the handler's sidecar carry it (contract §8).
 * `downloadKey` and `decryptionKey` are both present or both null.
 */
export const profileResultInputSchema = z
  .object({
    jobId: z.string().trim().min(1).max(256),
    jobTime: z.iso.datetime({ offset: true }),
    downloadKey: secretKey,
    decryptionKey: secretKey,
    peakMemoryKiB: z.number().int().min(0).nullish(),
    reportPath: z.string().max(4096).nullish(),
    hostname: z.string().max(256).nullish(),
    jobIdSource: z.string().max(64).nullish(),
  })
  .refine((input) => (input.downloadKey == null) === (input.decryptionKey == null), {
    message: 'downloadKey and decryptionKey must be given together',
    path: ['decryptionKey'],
  });

/** A validated `ProfileResultInput`. */
export type ProfileResultInput = z.infer<typeof profileResultInputSchema>;

/** The handler's sidecar `jobgraph-report-result.json`: the input fields plus `"schema": 1`. */
export const profileResultSidecarSchema = z.intersection(profileResultInputSchema, z.object({ schema: z.literal(1) }));

/** File name of the handler's sidecar; never served (it holds the keys). */
export const SIDECAR_FILE_NAME = 'jobgraph-report-result.json';
