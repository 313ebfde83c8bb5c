/** Where each server of the benchmark takes uploads (shared by the servers and the harness). */
export const PEER_TUS_PATH = '/files';
export const RAW_PUT_PATH = '/put';
