// Runs bytecode.py inside the pinned Pyodide, under Node: our wheel with
// bytecode, and the standard library with the modules that the start imports
// (Pyodide's and our package's) as bytecode; and each extra wheel (one a step
// loads later, such as XlsxWriter) with bytecode too. What the extra wheels
// import stays source in the standard library: it is not part of the start.
// Offline: the runtime comes from node_modules.
//
//   node bytecode.mjs PYODIDE_DIR IN.whl OUT.whl OUT_STDLIB.zip [EXTRA_IN.whl EXTRA_OUT.whl]...
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [runtime, wheelIn, wheelOut, stdlibOut, ...extras] = process.argv.slice(2);
if (!stdlibOut || extras.length % 2) {
  console.error("usage: node bytecode.mjs PYODIDE_DIR IN.whl OUT.whl OUT_STDLIB.zip [EXTRA_IN.whl EXTRA_OUT.whl]...");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: join(runtime, "/") });
const put = (path, bytes) => pyodide.FS.writeFile(path, bytes);
put("/tmp/bytecode.py", readFileSync(new URL("bytecode.py", import.meta.url)));
put("/tmp/in.whl", readFileSync(wheelIn));
put("/tmp/stdlib.zip", readFileSync(join(runtime, "python_stdlib.zip")));
pyodide.runPython(`
import sys
from pathlib import Path
sys.path.insert(0, "/tmp")
from bytecode import add_bytecode, compile_stdlib, imported_from

add_bytecode(Path("/tmp/in.whl"), Path("/tmp/out.whl"))
sys.path.insert(0, "/tmp/out.whl")
import samtalsplan.bridge  # what the planner imports before its first call
stdlib = next(entry for entry in sys.path if entry.endswith(".zip"))  # where Pyodide mounts it
compile_stdlib(Path("/tmp/stdlib.zip"), Path("/tmp/stdlib-out.zip"), imported_from(stdlib))
`);
writeFileSync(wheelOut, pyodide.FS.readFile("/tmp/out.whl"));
for (let i = 0; i < extras.length; i += 2) {
  put("/tmp/extra-in.whl", readFileSync(extras[i]));
  pyodide.runPython(`add_bytecode(Path("/tmp/extra-in.whl"), Path("/tmp/extra-out.whl"))`);
  writeFileSync(extras[i + 1], pyodide.FS.readFile("/tmp/extra-out.whl"));
}
writeFileSync(stdlibOut, pyodide.FS.readFile("/tmp/stdlib-out.zip"));
