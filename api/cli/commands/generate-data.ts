/**
 * `spate generate-data <dir>`: writes the seed workload's CSV files (examples/seed-data).
 */
import { Args, Command, Flags } from "@oclif/core";
import { generateSeedData } from "../../../examples/seed-data.js";

export default class GenerateData extends Command {
  static override summary = "Write the seed workload's CSV files (data_<i>.csv) into a directory.";
  static override description =
    "Each file has a header #idx;c0;c1;... and rows n;v0;v1;... with v = 4*i*sin(2*pi*i*n*0.01) + 6*i*cos(-2*2*pi*i*m*0.01) for file i, row n, channel m (the research-computing workshop's data).";
  static override examples = ["<%= config.bin %> generate-data ./data --num-files 200 --num-rows 32000"];
  static override args = {
    dir: Args.string({ description: "directory to write into (created if missing)", required: true }),
  };
  static override flags = {
    "num-files": Flags.integer({ description: "number of files", default: 20, min: 1 }),
    "num-rows": Flags.integer({ description: "rows per file", default: 1000, min: 1 }),
    "num-channels": Flags.integer({ description: "channels (columns) per row", default: 4, min: 1 }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(GenerateData);
    const files = generateSeedData(args.dir, { numFiles: flags["num-files"], numRows: flags["num-rows"], numChannels: flags["num-channels"] });
    this.log(`Generated ${files.length} files each with ${flags["num-channels"]} channels, each with ${flags["num-rows"]} rows in ${args.dir}`);
  }
}
