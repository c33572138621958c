import type { ElogAttachment } from '../datasources/elog/elog-types';

/** Where the gateway serves eLog attachments: `/elog/attachments/<experiment>/<entry id>/<attachment id>`. */
export const ELOG_ATTACHMENTS_PREFIX = '/elog/attachments/';

/** The gateway path of an attachment (`?preview=true`: its PNG preview), relative to the gateway's base URL. */
export function attachmentPath(a: Pick<ElogAttachment, 'experiment' | 'entryId' | 'id'>, preview = false): string {
  const path = `${ELOG_ATTACHMENTS_PREFIX}${[a.experiment, a.entryId, a.id].map(encodeURIComponent).join('/')}`;
  return preview ? `${path}?preview=true` : path;
}
