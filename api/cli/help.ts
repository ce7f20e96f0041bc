/**
 * `spate --help`: oclif's root help followed by examples of the commands a new user reaches for
 * first (run a script, open the REPL, start a cluster), as `git --help` shows common commands.
 * Named in package.json (oclif.helpClass); commands' own help is oclif's.
 */
import { Help } from "@oclif/core";

const EXAMPLES = [
  ["Run a script on every core of this machine", "spate submit means.ts"],
  ["Run it on two local executor processes, with arguments", "spate submit means.ts --master 'local-cluster[2]' -- /data/csv 8"],
  ["An interactive session with sc ready", "spate repl"],
  ["Make the workshop's CSV files to try things on", "spate generate-data ./data --num-files 20"],
  ["A cluster by hand: one master, a worker on every node", "spate master --port 7077\n    $ spate worker spate://node01:7077 --cores 16 --memory 60g"],
  ["Help on one command", "spate submit --help"],
];

export default class SpateHelp extends Help {
  protected override async showRootHelp(): Promise<void> {
    await super.showRootHelp();
    const lines = EXAMPLES.map(([what, command]) => `  ${what}:\n    $ ${command}`).join("\n\n");
    this.log(`\n${this.bold("EXAMPLES")}\n${lines}\n`);
  }

  private bold(text: string): string {
    return process.stdout.isTTY ? `\u001b[1m${text}\u001b[22m` : text;
  }
}
