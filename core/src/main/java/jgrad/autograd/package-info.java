/**
 * The reverse-mode tape: {@link jgrad.autograd.Node} (one recorded op), {@link jgrad.autograd.Tape}
 * (recording), {@link jgrad.autograd.Engine} (the reverse walk), {@link jgrad.autograd.Autograd}
 * (noGrad, grad, anomaly detection, the printed tape), {@link jgrad.autograd.Function} (custom
 * ops), {@link jgrad.autograd.GradCheck} and {@link jgrad.autograd.Graphviz}.
 */
package jgrad.autograd;
