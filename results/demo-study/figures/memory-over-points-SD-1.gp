# cd to this folder, then: gnuplot memory-over-points-SD-1.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'memory-over-points-SD-1.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics
set title 'SD-1: wearable memory per partition point' noenhanced
set xlabel 'partition point P (layers 1..P-1 on the wearable)' noenhanced
set ylabel 'memory (KB)' noenhanced
set yrange [0:*]
set key outside right top
set xtics nomirror (1, 2, 3, 4, 5)
plot 'memory-over-points-SD-1.dat' using 1:2 with linespoints lw 2 pt 5 title 'Flash (weights)' noenhanced, \
     '' using 1:3 with linespoints lw 2 pt 7 title 'RAM (activations)' noenhanced
set terminal pngcairo size 960,520 font 'Helvetica,11'
set output 'memory-over-points-SD-1.png'
replot
set terminal pdfcairo size 6in,3.25in font 'Helvetica,10'
set output 'memory-over-points-SD-1.pdf'
replot
unset output
