import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../../../src/config';
import { createDatasources } from '../../../src/datasources/create-datasources';
import { SciagraphDatasource } from '../../../src/datasources/sciagraph/sciagraph-datasource';
import { createServer } from '../../../src/server/create-server';
import type { GatewayServer } from '../../../src/server/create-server';
import { writeReportDir } from '../../../src/simulators/sciagraph/report-dir.writer';
import { captureLogger, tempDir } from '../../fixtures/sciagraph/sciagraph-test-kit';

const run = promisify(execFile);
const EXAMPLES = join(__dirname, '..', '..', '..', 'examples', 'python');
const START = 1_741_183_331;

describe('examples/python/sciagraph_handler.py against a live gateway', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let sciagraph: SciagraphDatasource;
  let server: GatewayServer;
  let url: string;

  beforeAll(async () => {
    dir = await tempDir('sciagraph-e2e-');
    await writeReportDir(
      join(dir.path, 'alice', 'ƒyUCingAT8U', '0'),
      { jobId: 'ƒyUCingAT8U', startSecs: START, durationMs: 4_827_316, peakMemoryKiB: 11_927_552, frames: [] },
      { performance: false, full: true },
    );
    sciagraph = await SciagraphDatasource.start({
      roots: [dir.path],
      watch: 'poll',
      rescanSeconds: 3600,
      logger: captureLogger().logger,
    });
    const config = loadConfig({ env: { JOBGRAPH_PORT: '0', JOBGRAPH_PLAYGROUND: 'off' } });
    server = await createServer({
      config,
      ...createDatasources(config, { sciagraph }),
      logger: pino({ level: 'silent' }),
    });
    url = `${await server.listen()}/graphql`;
  });
  afterAll(async () => {
    await server.close(1000);
    await sciagraph.close();
    await dir.remove();
  });

  it('posts a ReportResult logged to "sciagraph", which then shows on the report', async () => {
    const script = `
import datetime, logging, sys
sys.path.insert(0, ${JSON.stringify(EXAMPLES)})
import sciagraph_handler
class ReportResult:
    def __init__(self):
        self.job_time = datetime.datetime.fromtimestamp(${START}, datetime.timezone.utc)
        self.job_id = "fyUCingAT8U"
        self.download_key = "476e2b1a-8c3b-4c25-bff7-b69860b1200a"
        self.decryption_key = "${'QUJD'.repeat(13)}"
        self.peak_memory_kb = 11927552
        self.report_path = None
logging.getLogger().setLevel(logging.ERROR)
sciagraph_handler.install()
logging.getLogger("sciagraph").warning(ReportResult())
`;
    const { stderr } = await run('python3', ['-c', script], {
      env: { ...process.env, JOBGRAPH_URL: url },
      timeout: 20_000,
    });
    expect(stderr).not.toContain('sciagraph_handler:');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ profileReport(jobId: "419432471247981585") { jobId downloadInstructions { downloadKey command } } }',
      }),
    });
    const body = (await response.json()) as {
      data: { profileReport: { jobId: string; downloadInstructions: { downloadKey: string; command: string } } };
    };
    expect(body.data.profileReport.jobId).toBe('ƒyUCingAT8U');
    expect(body.data.profileReport.downloadInstructions.downloadKey).toBe('476e2b1a-8c3b-4c25-bff7-b69860b1200a');
    expect(body.data.profileReport.downloadInstructions.command).toContain(
      'python -m sciagraph_report download 476e2b1a-',
    );
  });

  it('records a ReportResult whose job_time is naive (no UTC offset) as UTC: the keys are not lost (issue 17 item 5)', async () => {
    const script = `
import datetime, logging, sys
sys.path.insert(0, ${JSON.stringify(EXAMPLES)})
import sciagraph_handler
class ReportResult:
    def __init__(self):
        self.job_time = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=${START})
        self.job_id = "fyUCingAT8U"
        self.download_key = "9f1c0d2e-8c3b-4c25-bff7-b69860b1200a"
        self.decryption_key = "${'WFla'.repeat(13)}"
        self.report_path = None
logging.getLogger().setLevel(logging.ERROR)
sciagraph_handler.install()
logging.getLogger("sciagraph").warning(ReportResult())
`;
    // The gateway's zone must not matter: the handler sends the offset itself.
    const { stderr } = await run('python3', ['-c', script], {
      env: { ...process.env, JOBGRAPH_URL: url, TZ: 'America/Los_Angeles' },
      timeout: 20_000,
    });
    expect(stderr).not.toContain('sciagraph_handler:');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ profileReport(jobId: "ƒyUCingAT8U") { downloadInstructions { downloadKey } } }',
      }),
    });
    const body = (await response.json()) as {
      data: { profileReport: { downloadInstructions: { downloadKey: string } } };
    };
    expect(body.data.profileReport.downloadInstructions.downloadKey).toBe('9f1c0d2e-8c3b-4c25-bff7-b69860b1200a');
  });

  it('passes its standalone self-test (python3, no pytest)', async () => {
    const { stdout } = await run('python3', [join(EXAMPLES, 'sciagraph_handler_selftest.py')], { timeout: 30_000 });
    expect(stdout).toContain('all checks passed');
  });
});
