import type { Client } from '@elastic/elasticsearch';
import { elasticErrorTypes, toElasticError } from './elastic-error.mapper';
import {
  JOB_HISTORY_ADDED_PROPERTIES,
  forwarderStateMappings,
  jobHistoryTemplate,
  jobHistoryTemplateName,
} from './job-history.mapping';

async function createUnlessExists(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!elasticErrorTypes(error).includes('resource_already_exists_exception')) throw error;
  }
}

/**
 * Installs the job-history template and, when the alias does not exist yet, its first index
 * `<alias>-000001` as the write index; an existing alias's indices get the fields added since
 * (the `cluster` keyword: documents written before keep answering). Idempotent and safe to run
 * concurrently.
 */
export async function ensureJobHistoryIndex(client: Client, alias: string): Promise<void> {
  try {
    await client.indices.putIndexTemplate({ name: jobHistoryTemplateName(alias), ...jobHistoryTemplate(alias) });
    if (await client.indices.existsAlias({ name: alias })) {
      await client.indices.putMapping({ index: alias, properties: JOB_HISTORY_ADDED_PROPERTIES });
      return;
    }
    await createUnlessExists(() =>
      client.indices.create({ index: `${alias}-000001`, aliases: { [alias]: { is_write_index: true } } }),
    );
  } catch (error) {
    throw toElasticError(error, `installing the ${alias} index`);
  }
}

/** Creates the forwarder-state index (one watermark document per Flux instance) when missing. */
export async function ensureForwarderStateIndex(client: Client, index: string): Promise<void> {
  try {
    await createUnlessExists(() =>
      client.indices.create({ index, settings: { number_of_shards: 1 }, mappings: forwarderStateMappings }),
    );
  } catch (error) {
    throw toElasticError(error, `creating the ${index} index`);
  }
}
