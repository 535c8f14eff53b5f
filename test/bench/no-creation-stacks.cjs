// Measurement only, never loaded by the library: preloaded into a bench process, it turns
// off the creation stack trace cdktf captures for every token (hashicorp/terraform-cdk#3892,
// open for cdktf 0.21; its fork open-constructs/cdk-terrain added a switch for it in #215).
// The bench runs (a) and (c') with it to show how much of their cost is that capture.
require('cdktf/lib/tokens/private/stack-trace').captureStackTrace = () => [];
