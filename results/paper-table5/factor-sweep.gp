# cd to this folder, then: gnuplot factor-sweep.gp
set terminal svg size 331,238 dynamic font 'Helvetica,8'
set output 'factor-sweep.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics lc rgb 'gray80'
set title 'Total energy per inference at the best partition point' noenhanced
set xlabel 'fog energy-efficiency factor' noenhanced
set ylabel 'total energy per inference (mJ)' noenhanced
set yrange [0:*]
set logscale x
set key below height 1
set xtics nomirror (1)
plot 'factor-sweep.dat' using 1:2 with linespoints lw 1.5 ps 0.8 lc rgb '#000000' dt 1 pt 7 title 'VGG11-1D' noenhanced, \
     '' using 1:3 with linespoints lw 1.5 ps 0.8 lc rgb '#0072B2' dt 2 pt 5 title 'SD-1' noenhanced, \
     '' using 1:4 with linespoints lw 1.5 ps 0.8 lc rgb '#D55E00' dt 3 pt 9 title 'AC-1' noenhanced
set terminal pngcairo size 1035,745 font 'Helvetica,8' fontscale 3.125 linewidth 3.125
set output 'factor-sweep.png'
replot
set terminal pdfcairo size 3.45in,2.48in font 'Helvetica,8' linewidth 1
set output 'factor-sweep.pdf'
replot
unset output
