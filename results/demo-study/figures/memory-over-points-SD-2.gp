# cd to this folder, then: gnuplot memory-over-points-SD-2.gp
set terminal svg size 331,238 dynamic font 'Helvetica,8'
set output 'memory-over-points-SD-2.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics lc rgb 'gray80'
set title 'SD-2: wearable memory per partition point' noenhanced
set xlabel 'partition point P (layers 1..P-1 on the wearable)' noenhanced
set ylabel 'memory (KB)' noenhanced
set yrange [0:*]
set xrange [0.84:5.16]
set key below height 1
set xtics nomirror (1, 2, 3, 4, 5)
plot 'memory-over-points-SD-2.dat' using 1:2 with linespoints lw 1.5 ps 0.8 lc rgb '#000000' dt 1 pt 7 title 'Flash (weights)' noenhanced, \
     '' using 1:3 with linespoints lw 1.5 ps 0.8 lc rgb '#0072B2' dt 2 pt 5 title 'RAM (activations)' noenhanced
set terminal pngcairo size 1035,745 font 'Helvetica,8' fontscale 3.125 linewidth 3.125
set output 'memory-over-points-SD-2.png'
replot
set terminal pdfcairo size 3.45in,2.48in font 'Helvetica,8' linewidth 1
set output 'memory-over-points-SD-2.pdf'
replot
unset output
