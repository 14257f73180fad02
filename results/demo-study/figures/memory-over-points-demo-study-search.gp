# cd to this folder, then: gnuplot memory-over-points-demo-study-search.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'memory-over-points-demo-study-search.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics
set title 'demo-study-search: wearable memory per partition point' noenhanced
set xlabel 'partition point P (layers 1..P-1 on the wearable)' noenhanced
set ylabel 'memory (KB)' noenhanced
set yrange [0:*]
set key outside right top
set xtics nomirror (1, 2, 3, 4, 5, 6, 7, 8)
plot 'memory-over-points-demo-study-search.dat' using 1:2 with linespoints lw 2 pt 5 title 'Flash (weights)' noenhanced, \
     '' using 1:3 with linespoints lw 2 pt 7 title 'RAM (activations)' noenhanced
set terminal pngcairo size 960,520 font 'Helvetica,11'
set output 'memory-over-points-demo-study-search.png'
replot
set terminal pdfcairo size 6in,3.25in font 'Helvetica,10'
set output 'memory-over-points-demo-study-search.pdf'
replot
unset output
