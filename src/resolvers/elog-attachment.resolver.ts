import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ElogAttachment as ElogAttachmentRecord } from '../datasources/elog/elog-types';
import { ElogAttachment } from '../schema/elog-message.type';
import { attachmentPath } from './elog-attachment-path';
import type { GraphQLContext } from './graphql-context';

/** Fields of an eLog attachment the entry document does not hold: size, preview flag, gateway paths. */
@Resolver(() => ElogAttachment)
export class ElogAttachmentResolver {
  @FieldResolver(() => Boolean, { description: 'Whether the eLog holds a PNG preview of it (images).' })
  hasPreview(@Root() a: ElogAttachmentRecord): boolean {
    return a.previewUrl !== undefined;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Size in bytes. The eLog does not store it: one HEAD request of the attachment per attachment asked (Content-Length); null when the eLog does not send it.',
  })
  size(@Root() a: ElogAttachmentRecord, @Ctx() ctx: GraphQLContext): Promise<number | null> {
    return ctx.loaders.elog.attachmentSize.load(a);
  }

  @FieldResolver(() => String, {
    description:
      'Path of the file on this gateway (relative to its base URL; GET with the same credentials as /graphql, and X-Jobgraph-Elog-Negotiate in Kerberos mode). Served as the eLog stores it, with Content-Disposition: attachment for anything but a raster image.',
  })
  downloadPath(@Root() a: ElogAttachmentRecord): string {
    return attachmentPath(a);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Path of the PNG preview on this gateway; null when the eLog holds none (hasPreview false).',
  })
  previewPath(@Root() a: ElogAttachmentRecord): string | null {
    return a.previewUrl === undefined ? null : attachmentPath(a, true);
  }
}
