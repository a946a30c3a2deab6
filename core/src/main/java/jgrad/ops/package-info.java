/**
 * The ops, one file per family, each op's forward kernel next to its backward rule. Backward
 * rules are written with Tensor ops, so they can be differentiated again.
 */
package jgrad.ops;
