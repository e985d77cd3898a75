// Compiles LedgerAnchorRegistry.sol with the pinned solcjs (package.json) through its standard-JSON
// interface and writes build/LedgerAnchorRegistry.{abi,bin}: the inputs of web3j's codegen.
// Settings are fixed here, not left to solc defaults, so the bytecode is reproducible.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const NAME = 'LedgerAnchorRegistry';
const source = path.join(__dirname, `${NAME}.sol`);
const out = path.join(__dirname, 'build');

const input = {
  language: 'Solidity',
  sources: { [`${NAME}.sol`]: { content: fs.readFileSync(source, 'utf8') } },
  settings: {
    // cancun: the newest fork every target chain (and anvil) supports; pinned, not solc's default.
    evmVersion: 'cancun',
    optimizer: { enabled: true, runs: 10000 },
    metadata: { bytecodeHash: 'none' },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const problems = output.errors || [];
problems.forEach((e) => console.error(e.formattedMessage));
if (problems.some((e) => e.severity === 'error')) {
  process.exit(1);
}
const contract = output.contracts[`${NAME}.sol`][NAME];
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, `${NAME}.abi`), JSON.stringify(contract.abi));
fs.writeFileSync(path.join(out, `${NAME}.bin`), contract.evm.bytecode.object);
console.log(`compiled ${NAME} with solc ${solc.version()} -> ${path.relative(process.cwd(), out)}`);
