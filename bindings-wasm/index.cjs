// journeymap for `require()`: the ES module entry (index.js), loaded
// through Node.js's require(esm) (Node.js 20.19 or later).
module.exports = require("./index.js");
