import type { DatasetUser } from './dataset.types';

/** A partition of the simulated cluster: queue name, host prefix and size. */
export interface Partition {
  queue: string;
  hostPrefix: string;
  nodes: number;
  coresPerNode: number;
  gpusPerNode: number;
  /** Broker rank of the first node. */
  firstRank: number;
}

/** The simulated cluster: S3DF-like partitions, ranks numbered across them. */
export const PARTITIONS: readonly Partition[] = [
  { queue: 'milan', hostPrefix: 'sdfmilan', nodes: 192, coresPerNode: 128, gpusPerNode: 0, firstRank: 0 },
  { queue: 'roma', hostPrefix: 'sdfroma', nodes: 96, coresPerNode: 128, gpusPerNode: 0, firstRank: 192 },
  { queue: 'ampere', hostPrefix: 'sdfampere', nodes: 24, coresPerNode: 128, gpusPerNode: 4, firstRank: 288 },
];

/** Hutches with experiments in the dataset, with their operator accounts' uids. */
export const HUTCHES: readonly { hutch: string; operatorUid: number }[] = [
  { hutch: 'mfx', operatorUid: 12001 },
  { hutch: 'cxi', operatorUid: 12002 },
  { hutch: 'xpp', operatorUid: 12003 },
  { hutch: 'tmo', operatorUid: 12004 },
];

/** The automatic run processor's account. */
export const ARP_UID = 12010;

/** Scientists submitting by hand, with their usual bank and project. */
export const SCIENTISTS: readonly { uid: number; bank: string; project?: string }[] = [
  { uid: 15011, bank: 'lcls' },
  { uid: 15012, bank: 'lcls', project: 'sfx' },
  { uid: 15013, bank: 'cryoem', project: 'cryoem-reconstruct' },
  { uid: 15014, bank: 'ai', project: 'ml' },
  { uid: 15015, bank: 'ssrl' },
  { uid: 15016, bank: 'lcls', project: 'xpp-timing' },
  { uid: 15017, bank: 'physics', project: 'lattice' },
];

/** The demo's uid→name table, the owner first. */
export function datasetUsers(ownerUid: number): DatasetUser[] {
  const users: DatasetUser[] = [
    { uid: 12001, name: 'mfxopr' },
    { uid: 12002, name: 'cxiopr' },
    { uid: 12003, name: 'xppopr' },
    { uid: 12004, name: 'tmoopr' },
    { uid: 12010, name: 'psdatmgr' },
    { uid: 15011, name: 'amorgan' },
    { uid: 15012, name: 'bchen' },
    { uid: 15013, name: 'cpatel' },
    { uid: 15014, name: 'dkim' },
    { uid: 15015, name: 'elopez' },
    { uid: 15016, name: 'fnguyen' },
    { uid: 15017, name: 'gsato' },
  ];
  return [{ uid: ownerUid, name: 'flux' }, ...users.filter((u) => u.uid !== ownerUid)];
}

/** An application jobs run: how big and how long, and what can go wrong. */
export interface AppProfile {
  name: string;
  command: (arg: string) => string[];
  /** Set `attributes.system.job.name` (else job-list derives the name from the command). */
  jobName: boolean;
  queues: readonly string[];
  ntasks: readonly number[];
  coresPerTask: readonly number[];
  /** Whole nodes asked for (jobspec with a node vertex); 0 = slots only. */
  nodes: readonly number[];
  /** Runtime range, seconds (log-uniform). */
  runtime: readonly [number, number];
  /** Time limits to pick from, seconds; 0 = none. */
  limits: readonly number[];
  failRate: number;
}

/** Analysis steps the LCLS automatic run processor (ARP) launches per run. */
export const LCLS_APPS: readonly AppProfile[] = [
  {
    name: 'smd_producer',
    command: (a) => ['/sdf/group/lcls/ds/tools/smd_producer/smd_producer.sh', a],
    jobName: true,
    queues: ['milan'],
    ntasks: [1, 4, 16],
    coresPerTask: [1],
    nodes: [0],
    runtime: [30, 900],
    limits: [0, 3600],
    failRate: 0.04,
  },
  {
    name: 'find_peaks',
    command: (a) => ['psocake-findpeaks', a],
    jobName: true,
    queues: ['milan'],
    ntasks: [32, 64, 120],
    coresPerTask: [1],
    nodes: [0, 1],
    runtime: [120, 2400],
    limits: [3600, 7200],
    failRate: 0.08,
  },
  {
    name: 'cctbx_index',
    command: (a) => ['/sdf/group/lcls/ds/tools/cctbx/index.sh', a],
    jobName: true,
    queues: ['milan', 'roma'],
    ntasks: [128, 256, 512],
    coresPerTask: [1],
    nodes: [1, 2, 4],
    runtime: [600, 14400],
    limits: [14400, 28800],
    failRate: 0.1,
  },
  {
    name: 'xpp_timetool',
    command: (a) => ['python', '/sdf/group/lcls/ds/tools/timetool/tt_calib.py', a],
    jobName: true,
    queues: ['milan'],
    ntasks: [1, 8],
    coresPerTask: [2],
    nodes: [0],
    runtime: [60, 1200],
    limits: [0, 1800],
    failRate: 0.05,
  },
  {
    name: 'ami_monitor',
    command: (a) => ['ami-local', '--run', a],
    jobName: false,
    queues: ['milan'],
    ntasks: [1],
    coresPerTask: [4],
    nodes: [0],
    runtime: [20, 600],
    limits: [600],
    failRate: 0.03,
  },
];

/** Everything else the facility runs. */
export const GENERAL_APPS: readonly AppProfile[] = [
  {
    name: 'train-model',
    command: () => ['python', 'train.py', '--epochs', '40'],
    jobName: true,
    queues: ['ampere'],
    ntasks: [1, 4],
    coresPerTask: [8, 16],
    nodes: [0],
    runtime: [600, 36000],
    limits: [0, 43200],
    failRate: 0.12,
  },
  {
    name: 'relion_refine',
    command: () => ['relion_refine_mpi', '--o', 'Refine3D/job042/run'],
    jobName: false,
    queues: ['roma'],
    ntasks: [64, 128, 256],
    coresPerTask: [1],
    nodes: [1, 2],
    runtime: [1800, 43200],
    limits: [86400],
    failRate: 0.07,
  },
  {
    name: 'lmp',
    command: () => ['lmp', '-in', 'in.lj'],
    jobName: false,
    queues: ['roma', 'milan'],
    ntasks: [128, 256, 1024],
    coresPerTask: [1],
    nodes: [1, 2, 8],
    runtime: [300, 21600],
    limits: [21600, 43200],
    failRate: 0.06,
  },
  {
    name: 'jupyter',
    command: () => ['jupyter', 'lab', '--no-browser'],
    jobName: false,
    queues: ['milan'],
    ntasks: [1],
    coresPerTask: [4, 8],
    nodes: [0],
    runtime: [900, 28800],
    limits: [28800],
    failRate: 0.02,
  },
  {
    name: 'sleep',
    command: () => ['sleep', '300'],
    jobName: false,
    queues: ['milan'],
    ntasks: [1],
    coresPerTask: [1],
    nodes: [0],
    runtime: [300, 300],
    limits: [0],
    failRate: 0,
  },
  {
    name: 'convert_h5',
    command: () => ['bash', 'convert.sh'],
    jobName: true,
    queues: ['milan'],
    ntasks: [1, 2],
    coresPerTask: [1, 4],
    nodes: [0],
    runtime: [5, 600],
    limits: [0, 3600],
    failRate: 0.1,
  },
];

/** The shell options every job carries (`flux submit` propagates the submitter's rlimits). */
export const SHELL_OPTIONS = {
  rlimit: { cpu: -1, fsize: -1, data: -1, stack: 8388608, core: 0, nofile: 1024, as: -1, rss: -1, nproc: 96365 },
};
