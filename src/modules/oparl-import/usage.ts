/** The `import` lines of the CLI help. */
export const IMPORT_USAGE = `  import oparl <system-url | folder> [--body <slug>] [--source-body <id|n>] [--full] [--overlap <minutes>]
             [--allow-private [<addresses and CIDRs>]] [--download [--concurrency <n>] [--max-size <MB>]] [--json]
                                            import an OParl 1.0/1.1 endpoint or a folder of saved responses`;
